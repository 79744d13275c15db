"""Large-data generator for benchmarks (``duban generate``).

``shape`` decides, from a seed alone, what the data set holds (pure: no database);
``history`` derives each item's reports and workflow steps (pure); ``writer``
stores it through the bulk paths; ``digest`` fingerprints what was written.
"""
