"""Helpers of the template suite: templates and their options, generated projects, servers."""
