# ce_add_service_plugin(NAME <id> [LIBRARIES <targets...>])
# An in-tree service plugin laid out as plugins/services/<id>/ always is:
#   src/*_plugin.cpp    the descriptor and CE_PLUGIN_ENTRY
#   src/*.cpp           the rest, compiled once into the OBJECT library ce_<id>_core, which the
#                       module cloudemu-<id> and the unit test <id>_test (test/*_test.cpp, ctest
#                       labels <id> and unit) share
#   fuzz/*.cpp          libFuzzer targets, built by tests/fuzz against an instrumented copy of the
#                       sources (the property CE_FUZZ_PLUGINS lists the plugins that have them)
# Sources are globbed, so an operation family is added as a file without touching any list.
function(ce_add_service_plugin)
  cmake_parse_arguments(P "" "NAME" "LIBRARIES" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  set(core ce_${P_NAME}_core)
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/src/*.cpp)
  file(GLOB entry CONFIGURE_DEPENDS ${dir}/src/*_plugin.cpp)
  list(FILTER sources EXCLUDE REGEX "_plugin\\.cpp$")

  add_library(${core} OBJECT ${sources})
  target_link_libraries(${core} PUBLIC cloudemu_sdk ${P_LIBRARIES})
  set_target_properties(${core} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                           VISIBILITY_INLINES_HIDDEN ON)
  ce_warnings(${core})

  ce_add_plugin(NAME ${P_NAME} SOURCES ${entry} $<TARGET_OBJECTS:${core}>
                LIBRARIES ${P_LIBRARIES})
  target_include_directories(cloudemu-${P_NAME} PRIVATE ${dir}/src)

  if(CE_BUILD_TESTS)
    file(GLOB tests CONFIGURE_DEPENDS ${dir}/test/*_test.cpp)
    ce_add_test(NAME ${P_NAME}_test SOURCES ${tests} ${entry} $<TARGET_OBJECTS:${core}>
                LIBRARIES ${P_LIBRARIES} LABELS ${P_NAME} unit)
    target_include_directories(${P_NAME}_test PRIVATE ${dir}/src ${dir}/test)
  endif()

  file(GLOB fuzzers CONFIGURE_DEPENDS ${dir}/fuzz/*.cpp)
  if(fuzzers)
    set_property(GLOBAL APPEND PROPERTY CE_FUZZ_PLUGINS ${P_NAME})
    set_property(GLOBAL PROPERTY CE_FUZZ_${P_NAME}_DIR ${dir})
    set_property(GLOBAL PROPERTY CE_FUZZ_${P_NAME}_LIBRARIES ${P_LIBRARIES})
  endif()
endfunction()
