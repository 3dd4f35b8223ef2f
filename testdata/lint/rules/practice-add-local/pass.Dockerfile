FROM debian:12
ADD https://example.com/x.txt /x
ADD vendor.tar.gz /vendor/
