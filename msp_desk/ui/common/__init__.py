"""What every feature's screens share: form parts (errors beside fields, parsing typed values),
tables, the filter bar and the column chooser."""
