# A Jets 6 app is a Rack app too; Jets' own handler wins.
require_relative "config/environment"
run Rails.application
