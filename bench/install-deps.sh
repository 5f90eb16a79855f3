#!/bin/sh
# Installs the Debian packages the benchmark needs beyond libmatch's own build dependencies:
# LEMON (headers only) and g++ for bench/lemon_dimacs.cpp, CBC, scipy (HiGHS), matplotlib
# for the plot, and GNU time for measuring single commands by hand. Run as root.
set -eu
apt-get update
apt-get install -y --no-install-recommends \
    g++ liblemon-dev coinor-cbc python3-scipy python3-numpy python3-matplotlib time
