-- PostgreSQL twin of ../0015_garage_model_source.sql: how a garage car's model was given
-- (`catalogue`, `own` for the explicit "(not in the catalogue)" choice, `typed` for
-- free text stored before that choice was explicit).
ALTER TABLE garage_cars ADD COLUMN model_source TEXT NOT NULL DEFAULT 'typed'
    CHECK (model_source IN ('catalogue', 'own', 'typed'));

UPDATE garage_cars SET model_source = 'catalogue' WHERE model_id IS NOT NULL;
