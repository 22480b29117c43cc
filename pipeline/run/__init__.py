"""Running a batch: what the batch folder holds, the files read by parallel workers, locks and the season."""
