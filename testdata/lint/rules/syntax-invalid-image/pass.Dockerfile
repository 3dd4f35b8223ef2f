ARG BASE=ruby
FROM ${BASE}:3.3-slim AS build
FROM registry.Example.com:5000/team/app_x__y:v1.2-rc.1 AS app
FROM ruby:3.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM build
