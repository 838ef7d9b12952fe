# Writes the man page and the shell completions that `kg help` generates from
# the commands' help text. Usage: cmake -DKG=<kg binary> -DOUT_DIR=<dir> -P gen_docs.cmake
file(MAKE_DIRECTORY ${OUT_DIR})
foreach(pair "--man;kg.1" "--bash-completion;kg.bash" "--zsh-completion;_kg")
  list(GET pair 0 flag)
  list(GET pair 1 out)
  execute_process(COMMAND ${KG} help ${flag} OUTPUT_FILE ${OUT_DIR}/${out} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kg help ${flag} failed (${rc})")
  endif()
endforeach()
