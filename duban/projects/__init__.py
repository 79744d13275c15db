"""Key projects (重点项目调度, SPEC E) and the investment-attraction pipeline (招商)."""
