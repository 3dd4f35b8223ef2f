# tests/real/mkgems.rb - make the .gem files of the real-build gem source.
#
# usage: ruby mkgems.rb OUTDIR [--debian NAME...] [--src DIR...]
#
#   --debian NAME  a gem Debian installed (package ruby-NAME): its full
#                  gemspec sits under /usr/share/rubygems-integration, its
#                  files under the gem directory or, for some packages, in
#                  vendor_ruby.  Only pure-Ruby gems: Debian ships no C
#                  sources of extensions, so a native gem cannot be rebuilt
#                  from its package (it would come out as a platform gem
#                  linked to Debian's libraries, which proves nothing).
#   --src DIR      a gem source tree with its *.gemspec (the runtime
#                  interface client, pg).  DIR must be writable; gemspecs
#                  that list their files with `git ls-files` need the git
#                  shim of this directory on PATH.
#
# Every gem is built unsigned, named NAME-VERSION[-PLATFORM].gem in OUTDIR.
require 'fileutils'
require 'tmpdir'
require 'rubygems/package'

VENDOR_DIRS = ['/usr/lib/ruby/vendor_ruby',
               "/usr/lib/#{RbConfig::CONFIG['arch']}/ruby/vendor_ruby/#{RbConfig::CONFIG['ruby_version']}",
               "/usr/lib/x86_64-linux-gnu/ruby/vendor_ruby/#{RbConfig::CONFIG['ruby_version']}"].uniq

def build(spec, dir, out)
  spec.signing_key = nil
  spec.cert_chain = []
  file = Dir.chdir(dir) { Gem::Package.build(spec) }
  FileUtils.mv(File.join(dir, file), File.join(out, File.basename(file)))
  puts "#{File.basename(file)} (#{spec.files.size} files)"
end

def debian_spec(name)
  spec = Gem::Specification.find_all_by_name(name).find do |s|
    s.loaded_from.to_s.include?('/rubygems-integration/')
  end
  abort "mkgems: #{name}: no gem of a Debian package (apt-get install ruby-#{name.tr('_', '-')})" unless spec
  abort "mkgems: #{name}: has a native extension; Debian ships no C sources to rebuild it" unless spec.extensions.empty?
  spec.dup
end

# Where Debian put a file the gemspec lists: the gem directory, else
# vendor_ruby for lib/ files, else /usr/bin for executables.
def debian_file(spec, rel)
  cands = [File.join(spec.gem_dir, rel)]
  cands += VENDOR_DIRS.map { |v| File.join(v, rel.delete_prefix('lib/')) } if rel.start_with?('lib/')
  cands << File.join('/usr/bin', File.basename(rel)) if rel.start_with?("#{spec.bindir}/")
  cands.find { |c| File.file?(c) }
end

def debian_gem(name, out)
  spec = debian_spec(name)
  tree = File.join(Dir.tmpdir, 'mkgems', spec.full_name)
  FileUtils.rm_rf(tree)
  FileUtils.mkdir_p(tree)
  FileUtils.cp_r("#{spec.gem_dir}/.", tree) if File.directory?(spec.gem_dir)
  spec.files.each do |rel|
    dst = File.join(tree, rel)
    next if File.file?(dst)
    src = debian_file(spec, rel) or next
    FileUtils.mkdir_p(File.dirname(dst))
    FileUtils.cp(src, dst)
  end
  # Some packages list no files at all (their gemspec was generated from
  # the installed tree): take the library from vendor_ruby.
  if Dir.glob("#{tree}/lib/**/*.rb").empty?
    VENDOR_DIRS.each do |v|
      Dir.glob(["#{v}/#{name}.rb", "#{v}/#{name}/**/*.rb"]).each do |src|
        dst = File.join(tree, 'lib', src.delete_prefix("#{v}/"))
        FileUtils.mkdir_p(File.dirname(dst))
        FileUtils.cp(src, dst)
      end
    end
  end
  abort "mkgems: #{name}: no library files found" if Dir.glob("#{tree}/lib/**/*.rb").empty?
  spec.files = Dir.chdir(tree) { Dir.glob('**/*', File::FNM_DOTMATCH).select { |f| File.file?(f) }.sort }
  build(spec, tree, out)
end

def source_gem(dir, out)
  gemspec = Dir.glob("#{dir}/*.gemspec").first or abort "mkgems: #{dir}: no *.gemspec"
  spec = Dir.chdir(dir) { Gem::Specification.load(File.basename(gemspec)) } or
    abort "mkgems: #{gemspec}: cannot load"
  # A release tree may lack files its gemspec lists.
  spec.files = Dir.chdir(dir) { spec.files.select { |f| File.file?(f) } }
  abort "mkgems: #{gemspec}: lists no files (is the git shim on PATH?)" if spec.files.empty?
  build(spec, dir, out)
end

out = File.expand_path(ARGV.shift || abort('usage: mkgems.rb OUTDIR [--debian NAME...] [--src DIR...]'))
FileUtils.mkdir_p(out)
mode = nil
ARGV.each do |a|
  case a
  when '--debian', '--src' then mode = a
  else
    case mode
    when '--debian' then debian_gem(a, out)
    when '--src' then source_gem(File.expand_path(a), out)
    else abort "mkgems: #{a}: --debian or --src first"
    end
  end
end
