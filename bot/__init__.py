"""KCK Assistant's gateway: channels, conversation routing and the consultant console.

``bot.app`` builds the ASGI app (``python -m bot.gateway`` serves it); the channels
(``bot.web``, ``bot.telegram``) and the console (``bot.console``) sit on the router
(``bot.router``) and the domain modules, which know no channel (README "Architecture").
"""
