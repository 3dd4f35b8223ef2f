FROM debian:12
ARG SIG=SIGTERM
STOPSIGNAL $SIG
STOPSIGNAL 15
HEALTHCHECK --interval=1m30s --timeout=5s --start-period=0 --retries=3 CMD true
COPY --chmod=0644 a /a
COPY --chmod=u=rwx,go=rx b /b
