"""Evaluation pages (考核评价): results, a subject's points won and lost, gap analysis, what-if."""
