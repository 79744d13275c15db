"""The key-project pages (重点项目): ledger, project, reports, photos, attraction pipeline, sheets."""
