"""Evaluation (考核评价, SPEC D): schemes of categories → indicators with weights, scores, ranks, gaps.

Pure computation, no ORM inside: ``scheme`` (the scheme tree and its
validation), ``scoring`` (the method registry), ``compute`` (composite score,
ranks, sub-scores, contributions, history) and ``gap`` (gap analysis, levers,
what-if). The models, services, selectors, policy and API sit on top of them.
"""
