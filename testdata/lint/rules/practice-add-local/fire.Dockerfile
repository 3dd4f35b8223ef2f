FROM debian:12
ADD app.rb /app/
