# Warnings for every first-party target: -Wall -Wextra clean is a project rule.
function(ce_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(CE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
