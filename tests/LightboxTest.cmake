# lightbox_add_test(NAME tst_x SOURCES a.cpp LIBS lib... LABELS unit db ... [TIMEOUT s])
function(lightbox_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE lightbox_options lightbox_testsupport Qt6::Test ${T_LIBS})
  # Test code may build QStrings from plain literals; product code may not.
  target_compile_options(${T_NAME} PRIVATE -UQT_NO_CAST_FROM_ASCII)
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "LIGHTBOX_BIN=$<TARGET_FILE:lightbox>;LIGHTBOX_TESTSEND_BIN=$<TARGET_FILE_DIR:lightbox>/testsend/lightbox-testsend;LIGHTBOX_SOURCE_DIR=${PROJECT_SOURCE_DIR};LIGHTBOX_RAWSTORE_BIN=$<TARGET_FILE:rawstore>;QT_QPA_PLATFORM=offscreen")
endfunction()
