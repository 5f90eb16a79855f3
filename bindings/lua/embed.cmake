# cmake -DINPUT=<file> -DOUTPUT=<header> -DNAME=<identifier> -P embed.cmake
# Writes <header> declaring `static const char NAME[]` holding the bytes of <file> and a
# terminating NUL (so sizeof NAME - 1 is the file's length).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" len)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
     "/* Generated from libmatch.lua by embed.cmake: do not edit. */\n"
     "static const char ${NAME}[] = {\n${bytes}0x00};\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
