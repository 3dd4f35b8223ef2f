Gem::Specification.new do |s|
  s.name = "mygem"
  s.version = "0.1.0"
  s.summary = "fixture"
  s.files = ["lib/mygem.rb"]
end
