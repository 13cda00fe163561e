"""The gateway's HTTP plumbing, shared by every door (widget API, Open311, Telegram's
webhook, the console): reading a request's body within limits (``requests``), rate limits
and the client's address (``ratelimit``), the security headers (``headers``) and the
health check (``health``). It knows no channel and no console.
"""
