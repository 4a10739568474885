export { dicomFolderInputs, listDicomFolder, readDicomFolder } from './node/read-folder';
export { writeDicomFolder } from './node/write-folder';
