FROM ruby:3.3
RUN gem install bundler -v 2.5.0
RUN gem install rake:13.2.1
