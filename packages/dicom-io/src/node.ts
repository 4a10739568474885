export {
  dicomFolderInputs,
  listDicomFolder,
  readDicomFolder,
  readDicomFolderHeader,
} from './node/read-folder';
export { writeDicomFolder } from './node/write-folder';
