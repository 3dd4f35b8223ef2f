gem "rack-cors"
