FROM alpine:3.19 as build
