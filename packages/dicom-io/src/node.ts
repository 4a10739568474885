export {
  dicomFolderInputs,
  listDicomFolder,
  readDicomFolder,
  readDicomFolderHeader,
  readDicomFolderSlices,
} from './node/read-folder';
export { writeDicomFolder } from './node/write-folder';
