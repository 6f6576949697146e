-- WOPI PutUserInfo: a short string a WOPI client stores per user and reads back in CheckFileInfo (UserInfo).
ALTER TABLE quire_user ADD COLUMN wopi_user_info VARCHAR(1024);
