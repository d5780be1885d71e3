# Embeds countries_fr.tsv into the analyzers library as a string, so the binary needs no data path.
# Included from analyzers/CMakeLists.txt it declares the generating command; run with
# `cmake -DINPUT=… -DOUTPUT=… -P` it writes the generated source.
if(CMAKE_SCRIPT_MODE_FILE)
  file(READ "${INPUT}" content)
  string(FIND "${content}" ")tsv\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${INPUT} must not contain the raw-string terminator )tsv\"")
  endif()
  file(WRITE "${OUTPUT}.tmp"
    "// Generated from analyzers/data/countries_fr.tsv by embed_countries.cmake: do not edit.\n"
    "#include <string_view>\n\n"
    "namespace depeche::analysis {\n"
    "extern const std::string_view kCountriesFrTsv;\n"
    "const std::string_view kCountriesFrTsv = R\"tsv(${content})tsv\";\n"
    "}  // namespace depeche::analysis\n")
  file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
  file(REMOVE "${OUTPUT}.tmp")
  return()
endif()

set(DEPECHE_COUNTRIES_FR_SOURCE "${CMAKE_CURRENT_BINARY_DIR}/countries_fr_data.cpp")
add_custom_command(
  OUTPUT "${DEPECHE_COUNTRIES_FR_SOURCE}"
  COMMAND "${CMAKE_COMMAND}" "-DINPUT=${CMAKE_CURRENT_SOURCE_DIR}/data/countries_fr.tsv"
          "-DOUTPUT=${DEPECHE_COUNTRIES_FR_SOURCE}" -P "${CMAKE_CURRENT_LIST_FILE}"
  DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/data/countries_fr.tsv" "${CMAKE_CURRENT_LIST_FILE}"
  COMMENT "Embedding countries_fr.tsv"
  VERBATIM)
