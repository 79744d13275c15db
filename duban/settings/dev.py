"""Local development and the demo: the run command uses these settings."""

from .base import *

DEBUG = env_bool("DEBUG", default=False)
