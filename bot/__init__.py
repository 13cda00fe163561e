"""KCK Assistant's gateway: channels, conversation routing and the consultant console.

Domain modules (settings, db, models, transcript, tokens, texts) know
nothing of HTTP; ``bot.web`` builds the ASGI app on top of them.
"""
