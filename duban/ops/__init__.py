"""Operations (运维): backup and restore of database and uploaded files (SPEC H)."""
