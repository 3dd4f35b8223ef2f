module Mygem; end
