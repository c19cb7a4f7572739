"""The lead desk in the Wagtail admin: one inbox for every kind of lead.

filters.py (what the inbox can be narrowed to, shared with "select all" bulk
actions), views.py (inbox, lead page, triage, notes), components.py (columns, menu
item, dashboard panel), bulk_actions.py and viewsets.py; wagtail_hooks.py
registers them. Only the "Lead reviewers" group (and superusers) get past the
permission checks; see contact/permissions.py.
"""
