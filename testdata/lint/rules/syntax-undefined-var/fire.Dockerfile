FROM alpine:3.19
COPY $SRC /app/
