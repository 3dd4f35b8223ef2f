FROM alpine:3.19
COPY --chmod=644 a /b
