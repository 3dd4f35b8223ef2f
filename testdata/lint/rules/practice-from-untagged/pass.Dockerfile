ARG TAG=12
FROM debian:${TAG} AS base
FROM base
FROM scratch
