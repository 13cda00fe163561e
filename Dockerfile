# One image for the three processes (deploy/kubernetes/ picks the command).
# Not built on the development machine (it has no Docker daemon); the cluster
# shape itself is exercised by `make run-cluster` and tests/test_cluster.py.
FROM python:3.10-slim
WORKDIR /app
COPY pyproject.toml requirements.lock ./
COPY bot bot
COPY actions actions
COPY nlu nlu
RUN pip install --no-cache-dir -c requirements.lock . \
 && useradd --uid 10001 --create-home kck \
 && mkdir -p /var/lib/kck && chown kck /var/lib/kck
COPY config.yml domain.yml endpoints.cluster.yml credentials.yml alembic.ini ./
COPY data data
COPY models/kck.tar.gz models/kck.tar.gz
RUN pybabel compile -d bot/locale
USER 10001
ENV KCK_VAR_DIR=/var/lib/kck RASA_TELEMETRY_ENABLED=false
