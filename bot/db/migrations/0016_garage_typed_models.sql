-- The garage rows still holding free text from before 0015 (`typed`): at every start the
-- bot maps those that name one catalogue generation ("E82 135i") to that car
-- (GarageService.adopt_typed; it needs the catalogue's search, which SQL can't see) and
-- leaves the rest as typed. This partial index holds only the rows it reads, so the pass
-- costs nothing once the old rows are mapped, however big the garages grow.
CREATE INDEX garage_cars_typed ON garage_cars (guild_id)
    WHERE model_source = 'typed' AND model_id IS NULL;
