-- PostgreSQL twin of ../0016_garage_typed_models.sql: the rows still holding free text
-- from before 0015, which the start-up pass (GarageService.adopt_typed) reads.
CREATE INDEX garage_cars_typed ON garage_cars (guild_id)
    WHERE model_source = 'typed' AND model_id IS NULL;
