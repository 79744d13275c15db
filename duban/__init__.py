"""duban (督办): supervision and target tracking for a development zone or district."""
