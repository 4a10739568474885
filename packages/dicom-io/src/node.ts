export { dicomFolderInputs, listDicomFolder, readDicomFolder } from './node/read-folder';
