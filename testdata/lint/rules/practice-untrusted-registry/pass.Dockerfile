FROM debian:12
FROM gcr.io/distroless/base:nonroot
