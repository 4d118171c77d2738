"""The web app: server-rendered Dutch pages over the store, Atom feeds, charts and a JSON
API. See :func:`kamervragen.web.app.create_app`."""
