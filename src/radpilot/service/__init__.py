"""The workflow service: REST API, report lifecycle, audit trail, roles, background jobs.

from radpilot.service.app import create_app
app = create_app()          # settings from RADPILOT_* (see docs/SERVICE.md)
"""
