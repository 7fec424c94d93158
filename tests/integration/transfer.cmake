# Import (files, folders, DICOMDIR, zip) and export (media with DICOMDIR, anonymized) through an in-process
# Workstation on a temporary storage folder, against pydicom's files and generated series.
lightbox_add_test(NAME tst_import SOURCES tst_import.cpp TransferTestStorage.h
  LIBS lightbox_transfer lightbox_service lightbox_index lightbox_dicom LABELS db)
lightbox_add_test(NAME tst_export SOURCES tst_export.cpp TransferTestStorage.h
  LIBS lightbox_transfer lightbox_service lightbox_index lightbox_dicom DCMTK::dcmdata LABELS db)
# The import/export command-line entry points (app/TransferCommands), compiled into the test directly so they are
# checked before main.cpp calls them.
lightbox_add_test(NAME tst_transfercommands
  SOURCES tst_transfercommands.cpp ${PROJECT_SOURCE_DIR}/app/TransferCommands.cpp
  ${PROJECT_SOURCE_DIR}/app/CommandOutput.cpp TransferTestStorage.h
  LIBS lightbox_transfer lightbox_service lightbox_index lightbox_dicom LABELS db)
