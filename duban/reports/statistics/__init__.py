"""Statistics by unit, leader and source (督办统计): see ``figures`` (pure) and ``facts`` (the reads)."""
