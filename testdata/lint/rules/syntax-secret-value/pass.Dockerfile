FROM alpine:3.19
ENV AWS_REGION=us-east-1
