"""Review: the rules checked on the extracted values, the inspectors' decisions applied, the grade given."""
