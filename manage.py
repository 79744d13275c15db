#!/usr/bin/env python3
"""Django's manage.py; ``duban`` (duban/cli.py) is the friendlier front door."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
