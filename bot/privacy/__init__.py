"""Personal data: retention periods, erasure on request, access requests (issue 7).

``policy`` reads the periods (bot/retention.yml), ``retention`` applies them
and ``retention_cli`` is their command line (``make retention``), ``erasure``
erases one conversation when its resident asks ("usuń moje dane"), ``export``
gathers everything stored about one conversation for a
supervisor, and ``tracker_store`` is the one place that writes to Rasa's
tracker store. No HTTP here: the gateway and the console call these.
"""
