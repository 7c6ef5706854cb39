-- How a garage car's model was given: `catalogue` (a catalogue car, picked or typed
-- so that it named exactly one), `own` (the member chose "(not in the catalogue)" for
-- their own text), or `typed` (free text stored before that choice was explicit:
-- whether the member meant it as their own text or simply didn't pick from the list
-- is unknown). /garage add and edit write only `catalogue` and `own` from now on.
ALTER TABLE garage_cars ADD COLUMN model_source TEXT NOT NULL DEFAULT 'typed'
    CHECK (model_source IN ('catalogue', 'own', 'typed'));

UPDATE garage_cars SET model_source = 'catalogue' WHERE model_id IS NOT NULL;
