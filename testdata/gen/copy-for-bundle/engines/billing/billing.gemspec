# gemspec
